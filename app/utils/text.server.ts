/**
 * The plain-text checks (app/domain/text.ts) for server-only schemas in route modules. Routes import
 * them from here: the browser bundle gets an empty module instead of pulling zod into every page
 * that validates a form on the server.
 */
export { multiLine, singleLine, staffMultiLine, staffSingleLine } from "~/domain/text";
