import { Form } from "@remix-run/react";
import { MoneyField } from "~/components/money-field";
import type { Currency } from "~/domain/money";

/** A technician's change to one proposal, saved as a new version of the quote (the action's "adjust" intent). */
export function AdjustForm({
  proposal,
  products,
  currency,
}: {
  proposal: { id: string; tier: string };
  products: readonly { sku: string; name: string }[];
  currency: Currency;
}) {
  return (
    <Form method="post" className="adjust">
      <input type="hidden" name="intent" value="adjust" />
      <input type="hidden" name="proposalId" value={proposal.id} />
      <fieldset>
        <legend>Adjust {proposal.tier}</legend>
        <label>
          Change{" "}
          <select name="adjustment.op" defaultValue="custom">
            <option value="quantity">set quantity of line #</option>
            <option value="remove">remove line #</option>
            <option value="swap">swap server on line # for</option>
            <option value="add">add product</option>
            <option value="custom">add custom line</option>
          </select>
        </label>{" "}
        <label>
          Line # <input name="adjustment.position" type="number" min={0} step={1} />
        </label>{" "}
        <label>
          Product{" "}
          <select name="adjustment.sku" defaultValue="">
            <option value="">—</option>
            {products.map((pr) => (
              <option key={pr.sku} value={pr.sku}>
                {pr.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          Quantity <input name="adjustment.quantity" type="number" min={1} step={1} defaultValue={1} />
        </label>{" "}
        <label>
          Custom description <input name="adjustment.description" />
        </label>{" "}
        <MoneyField label="Monthly" name="adjustment.monthly" currency={currency} placeholder="12.50" />{" "}
        <MoneyField label="Setup" name="adjustment.setup" currency={currency} placeholder="0" />{" "}
        <label>
          Reason (the customer sees it) <input name="reason" required />
        </label>{" "}
        <button type="submit">Save as new version</button>
      </fieldset>
    </Form>
  );
}
