/** What a staff action answered: a status line for success, an alert with the errors otherwise. */
export function ActionFeedback({
  notice,
  errors,
}: {
  notice?: string | null;
  errors?: readonly { message: string }[] | null;
}) {
  return (
    <>
      {notice ? <p role="status">{notice}</p> : null}
      {errors?.length ? (
        <p role="alert" className="field-error">
          {errors.map((e) => e.message).join(" ")}
        </p>
      ) : null}
    </>
  );
}
