import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { ActionFeedback } from "~/components/action-feedback";
import { type FormState, TextField, formState } from "./form-parts";

/**
 * What the server-model and add-on pages share: the answer to their actions above the form, the
 * warning for a product on sale that no book prices, and the form's frame with the fields every
 * product has (SKU on creation, name, Spanish name) and its save button.
 */

interface Answer {
  notice?: string | null;
  errors?: readonly { path: string; message: string }[];
  values?: Parameters<typeof formState>[0];
}

/** The form's state after an action, and the feedback to show above the form. */
export function productAnswer(answer: Answer | undefined, isNew: boolean, created: boolean) {
  const errors = answer?.errors ?? [];
  const form = formState(answer?.values, errors);
  // Errors without a field of their own on the form read above it.
  const above = (path: string) => ["", "intent", "status"].includes(path) || (path === "sku" && !isNew);
  const fieldErrors = errors.filter((e) => !above(e.path)).length;
  const feedback = (
    <>
      {created ? <p role="status">Created as a draft.</p> : null}
      <ActionFeedback
        notice={answer?.notice}
        errors={[
          ...(fieldErrors
            ? [
                {
                  message: `${fieldErrors} ${fieldErrors === 1 ? "field needs" : "fields need"} correcting (marked below).`,
                },
              ]
            : []),
          ...errors.filter((e) => above(e.path)),
        ]}
      />
    </>
  );
  return { form, feedback };
}

/** An active product that no book in effect prices: nothing offers it. */
export function UnpricedWarning({ noun }: { noun: "model" | "add-on" }) {
  return (
    <p className="warning">
      No price book in effect prices this {noun}, so nothing offers it yet. Add its price in a{" "}
      <Link to="/staff/price-books">price book</Link> draft and publish it.
    </p>
  );
}

/**
 * A product's form: create on /new (with its SKU), edit otherwise (the SKU is shown, never sent). The
 * first fieldset holds the fields every product has, the kind's `fields` in the same grid and `more`
 * below it; the kind's other fieldsets (`children`) follow it, then the save button.
 */
export function ProductForm({
  legend,
  skuExample,
  product,
  form,
  isNew,
  fields,
  more,
  children,
}: {
  legend: string;
  skuExample: string;
  product: { name: string; names: { es?: string } };
  form: FormState;
  isNew: boolean;
  /** The kind's own fields in the first fieldset's grid, after the names. */
  fields: ReactNode;
  /** The kind's own fields in the first fieldset, below its grid. */
  more?: ReactNode;
  /** The kind's other fieldsets. */
  children?: ReactNode;
}) {
  return (
    <Form method="post" className="catalog-form" noValidate>
      <input type="hidden" name="intent" value={isNew ? "create" : "save"} />
      <fieldset className="catalog-section">
        <legend>{legend}</legend>
        <div className="form-grid">
          {isNew ? (
            <TextField
              name="sku"
              label="SKU"
              hint={`Lowercase letters, digits and hyphens, like ${skuExample}. It never changes once created.`}
              saved=""
              form={form}
              maxLength={40}
            />
          ) : null}
          <TextField name="name" label="Name" saved={product.name} form={form} maxLength={80} />
          <TextField
            name="names.es"
            label="Name in Spanish"
            hint="Shown on Spanish pages; empty uses the name above."
            optional
            saved={product.names.es ?? ""}
            form={form}
            maxLength={80}
          />
          {fields}
        </div>
        {more}
      </fieldset>
      {children}
      <p className="save-bar">
        <button type="submit">{isNew ? "Create as draft" : "Save changes"}</button>
      </p>
    </Form>
  );
}
