/** What the invitee reads when their address got an account in the meantime (page and refused action). */
export const accountExistsMessage = (email: string) =>
  `${email} already has an account: sign in instead, or ask an admin to re-enable it if it is disabled.`;
