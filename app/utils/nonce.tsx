import { createContext, useContext } from "react";

/**
 * The per-request Content-Security-Policy nonce (server/security-headers.ts). The server renders it
 * on Remix's scripts; in the browser it is empty (browsers hide nonces from the DOM anyway).
 */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
