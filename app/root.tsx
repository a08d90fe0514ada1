import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useNonce } from "~/utils/nonce";
import { LOAD_SCRIPTS_AFTER_PAINT } from "~/utils/deferred-scripts";
import {
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { SUPPORTED_LANGUAGES, isLanguage } from "./i18n";
import { PAGE_TEXTS, scriptJson } from "./locales/texts";
import { i18next, localeCookie } from "./i18next.server";
import { SiteFooter } from "./components/site-footer";
import { siteFooter } from "./services/site-footer.server";
import stylesHref from "./styles/app.css";
import footerStylesHref from "./styles/footer.css";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What the Express server passes to every loader and action (server/index.ts). */
  interface AppLoadContext {
    clientIp?: string | null;
    cspNonce?: string;
  }
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "stylesheet", href: footerStylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "SpecDesk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18next.getLocale(request);
  const requested = new URL(request.url).searchParams.get("lng");
  // Remember an explicit choice from the language switcher.
  const headers = isLanguage(requested) ? { "Set-Cookie": await localeCookie.serialize(requested) } : undefined;
  // Staff pages are English-only and show no provider footer; customer pages say who we are.
  const staff = isStaffPath(new URL(request.url).pathname);
  const footer = staff ? null : await siteFooter(locale);
  return data({ locale, staff, footer }, { headers });
}

/**
 * pureRender: this layout reads only its loader data, the URL and the language, so pages below it
 * that also opt in may have their HTML memoised (app/services/render-memo.server.ts).
 */
export const handle = { i18n: "translation", pureRender: true, texts: PAGE_TEXTS.root };

function LanguageSwitcher({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <nav aria-label={t("common.language")} className="lang-switch">
      {SUPPORTED_LANGUAGES.map((lng) => {
        const params = new URLSearchParams(location.search);
        params.set("lng", lng);
        return (
          <Link
            key={lng}
            to={`${location.pathname}?${params}`}
            lang={lng}
            hrefLang={lng}
            aria-current={lng === locale ? "true" : undefined}
            reloadDocument
          >
            {t(`common.languages.${lng}`)}
          </Link>
        );
      })}
    </nav>
  );
}

/**
 * The first Intl formatters a page builds cost tens of milliseconds (the browser loads locale, calendar
 * and time zone data), and hydrating a page with prices and dates builds them. Build them in a task of
 * their own just after the first paint, while the scripts are still downloading, so that this cost is
 * part of neither the first paint nor hydration (app/utils/format.ts builds the ones it keeps). Only
 * on pages that print prices or dates: their route says so with `handle: { intl: true }`.
 */
const INTL_WARM_UP = `requestAnimationFrame(function(){setTimeout(function(){try{var l=document.documentElement.lang;new Intl.NumberFormat(l,{style:"currency",currency:"EUR"}).format(1);new Intl.DateTimeFormat(l,{dateStyle:"long",timeZone:"UTC"}).format(0)}catch(e){}})})`;

const isStaffPath = (pathname: string) => /^\/staff(\/|$)/i.test(pathname);

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const locale = root?.locale ?? "en";
  const { pathname } = useLocation();
  const staff = root?.staff ?? isStaffPath(pathname);
  const { t, i18n } = useTranslation();
  const nonce = useNonce();
  // The page's texts (app/locales/texts.ts): data for entry.client, never executed.
  const texts = i18n.getResourceBundle(i18n.language, "translation") as unknown;
  // Hydrated: the page's scripts run (they load after the first paint, app/utils/deferred-scripts.ts).
  // The end-to-end tests act on a page from then on, as a person would once it responds.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  const printsNumbers = useMatches().some((m) => (m.handle as { intl?: boolean } | undefined)?.intl === true);
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {printsNumbers ? <script nonce={nonce} dangerouslySetInnerHTML={{ __html: INTL_WARM_UP }} /> : null}
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("common.skipToContent")}
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            {t("common.appName")}
          </Link>
          {root?.footer ? (
            <Link to="/account" className="account-link">
              {root.footer.account}
            </Link>
          ) : null}
          {staff ? null : <LanguageSwitcher locale={locale} />}
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        {root?.footer ? (
          <SiteFooter company={root.footer.company} links={root.footer.links} label={root.footer.label} />
        ) : null}
        <script
          id="texts"
          type="application/json"
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: scriptJson(texts ?? {}) }}
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: LOAD_SCRIPTS_AFTER_PAINT }} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
