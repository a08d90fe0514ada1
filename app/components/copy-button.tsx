import { useEffect, useRef, useState } from "react";

/**
 * Copies `text` to the clipboard. Progressive enhancement: the server renders nothing (the text
 * beside it stays selectable), and the button appears once the page is hydrated and the browser
 * has a clipboard. A visually quiet status says "Copied" (or why not) to screen readers too.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => {
    setReady(typeof navigator !== "undefined" && Boolean(navigator.clipboard?.writeText));
    return () => clearTimeout(timer.current);
  }, []);
  // Reset the status when the text changes (a second link created on the same page).
  useEffect(() => setStatus(""), [text]);

  async function copy() {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied");
    } catch {
      setStatus("Could not copy: select the link and copy it yourself.");
    }
    timer.current = setTimeout(() => setStatus(""), 5000);
  }

  return (
    <>
      {ready ? (
        <button type="button" className="secondary copy-button" onClick={copy}>
          {label}
        </button>
      ) : null}{" "}
      <span className="copy-status" aria-live="polite">
        {status}
      </span>
    </>
  );
}
