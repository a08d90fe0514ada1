import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Not import.meta.dirname: it needs Node 20.11 and package.json allows 20.9.
const ROOT = path.dirname(fileURLToPath(import.meta.url));

// Models own every query (docs: app/models). Type-only imports count too: a route or a service that
// needs a row's type gets it from the model that returns it.
const MODEL_BOUNDARY = {
  patterns: [
    {
      regex: "^drizzle-orm(/.*)?$",
      message: "Queries live in app/models: call a model function (or add one) instead of importing drizzle here.",
    },
    {
      regex: "(^#|/)db/schema(\\.[cm]?[jt]s)?$",
      message: "The schema is app/models' business: import the model function or the type it exports instead.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "db/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Typed linting: TypeScript files are checked with the types of the project (tsconfig.json).
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
    rules: {
      // A promise nobody awaits loses its error: await it, or `void` it where fire-and-forget is meant
      // and the promise handles its own failure.
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
      // A switch over a union without a `default` names every member, so adding one (a workload kind,
      // a status) shows every place that has to handle it. A `default` is a deliberate catch-all (a
      // Stripe event type has hundreds of members).
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // Plain JavaScript (config files) is outside tsconfig.json's project: no type information.
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
    },
  },
  {
    // The domain core stays plain TypeScript: no framework, React or database imports.
    files: ["app/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "@remix-run/*",
            "react",
            "react-*",
            "drizzle-orm*",
            "postgres",
            "@electric-sql/*",
            "#db/*",
            "~/models/*",
            "~/services/*",
          ],
        },
      ],
    },
  },
  {
    // The model boundary: routes and services reach the database through app/models only.
    files: ["app/routes/**/*.{ts,tsx}", "app/services/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", MODEL_BOUNDARY] },
  },
);
