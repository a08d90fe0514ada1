import { useEffect, useRef } from "react";
import { useActionData, useNavigation } from "@remix-run/react";

/**
 * A ref for a form of the page's action that empties the form once its submission succeeded (the
 * action answered `{ ok }`), so a second click cannot send the same text again. A refused
 * submission keeps what was typed; another form's submission leaves this one alone.
 */
export function useResetAfterSuccess(intent: string) {
  const form = useRef<HTMLFormElement>(null);
  const navigation = useNavigation();
  const actionData = useActionData<{ ok?: string; errors?: unknown }>();
  const submitted = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") {
      submitted.current = navigation.formData?.get("intent") === intent;
      return;
    }
    if (navigation.state === "idle" && submitted.current) {
      submitted.current = false;
      if (actionData && "ok" in actionData) form.current?.reset();
    }
  }, [navigation.state, navigation.formData, actionData, intent]);
  return form;
}
