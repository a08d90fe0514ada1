import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { VERIFY_HEADERS, verifyAction, verifyPage } from "./verify.server";

export const meta: MetaFunction = () => [{ title: "SpecDesk: sign in" }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => VERIFY_HEADERS;

export async function loader({ request, params }: LoaderFunctionArgs) {
  return verifyPage(request, params.token ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return verifyAction(request, params.token ?? "");
}

/**
 * Opening the e-mailed link only shows a button: mail scanners that fetch links must not use up the
 * one-time link; the customer's own click (a POST) signs them in.
 */
export default function VerifySignIn() {
  const { live, texts } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return (
    <section className="account narrow">
      <h1>{texts.title}</h1>
      {live && !failed ? (
        <Form method="post">
          <p>{texts.lead}</p>
          <button type="submit">{texts.button}</button>
        </Form>
      ) : (
        <>
          <p role="alert">{texts.dead}</p>
          <p>
            <Link to="/account/sign-in">{texts.askAgain}</Link>
          </p>
        </>
      )}
    </section>
  );
}
