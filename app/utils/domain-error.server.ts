import { data } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DomainError } from "~/domain/errors";
import { i18next } from "~/i18next.server";

export interface FieldError {
  path: string;
  message: string;
}

/** The message of a domain error in the request's language. */
export function domainErrorMessage(error: DomainError, t: TFunction): string {
  return t(`errors.${error.code}`, error.params) as string;
}

/**
 * The one mapping of a DomainError to an HTTP answer: its status, and the field-level error list
 * every form in the app renders (`{ errors: [{ path, message }] }`).
 */
export function domainErrorData(
  error: DomainError,
  t: TFunction,
  init: { field?: string; headers?: HeadersInit } = {},
) {
  const errors: FieldError[] = [{ path: init.field ?? error.field, message: domainErrorMessage(error, t) }];
  return data({ errors }, { status: error.status, headers: init.headers });
}

/** Staff pages are in English: the message of a domain error for them. */
export async function staffErrorMessage(error: DomainError): Promise<string> {
  return domainErrorMessage(error, await i18next.getFixedT("en"));
}

/** Runs `fn`; a DomainError becomes its answer (see domainErrorData), anything else is re-thrown. */
export async function answerDomainErrors<T>(
  t: TFunction,
  fn: () => Promise<T>,
  init: { field?: string; headers?: HeadersInit } = {},
) {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof DomainError) return domainErrorData(error, t, init);
    throw error;
  }
}
