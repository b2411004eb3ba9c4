/**
 * The two secrets every DhanHQ call needs. The access token goes only into the
 * `access-token` header and the feed URL; everything printed passes through the Redactor.
 */
export interface DhanCredentials {
  readonly clientId: string;
  readonly accessToken: string;
}
