import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import { parse as parseCookies } from 'cookie';

/**
 * Trusted devices, after OWASP's "device cookies" against lock-outs: when a login signs in
 * successfully, its browser receives a token that says "this login already signed in here".
 * The sign-in route counts the failures of a browser holding one for the login it tries
 * against that device only (auth/login-throttle.ts), so failures made by others, from
 * anywhere, never delay the owner on a browser they have used before.
 *
 * A token is `<issued>.<id>.<mac>`: when it was issued (seconds, base 36), a random device
 * id, and an HMAC-SHA256 of the account id, the date and the id, keyed by the account's
 * password hash. Only the server can make one (the hash never leaves it), it names no one, a
 * new password revokes every token of the account, and nothing is stored. It lives 180 days
 * from its last successful use. One browser keeps the tokens of its last five logins (a
 * jury's shared machine) in one httpOnly cookie sent only to the sign-in route.
 *
 * A token opens nothing by itself: the password is still checked, only the throttle differs.
 */
export const DEVICE_COOKIE = 'delib_device';
const LOGIN_PATH = '/api/auth/login';
const LIFETIME_MS = 180 * 24 * 60 * 60_000;
const MAX_TOKENS = 5;
const TOKEN = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/;

/** The account a token is made for: its id and its current password hash. */
export interface DeviceAccount {
  id: string;
  passwordHash: string;
}

export class TrustedDevices {
  constructor(
    private readonly secure: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  private mac(account: DeviceAccount, issued: string, deviceId: string): Buffer {
    return createHmac('sha256', account.passwordHash)
      .update(`délib-appareil-de-confiance\n${account.id}\n${issued}\n${deviceId}`)
      .digest();
  }

  private tokens(request: IncomingMessage): string[] {
    const header = request.headers.cookie;
    const value = header ? parseCookies(header)[DEVICE_COOKIE] : undefined;
    return (value ?? '')
      .split('~')
      .filter((token) => TOKEN.test(token))
      .slice(0, MAX_TOKENS);
  }

  private matches(token: string, account: DeviceAccount): string | null {
    const [, issued = '', deviceId = '', mac = ''] = TOKEN.exec(token) ?? [];
    const age = this.now() - Number.parseInt(issued, 36) * 1000;
    if (!(age >= -60_000 && age <= LIFETIME_MS)) return null;
    const expected = this.mac(account, issued, deviceId);
    const given = Buffer.from(mac, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? deviceId : null;
  }

  /** The id of this browser as a trusted device of this account, or null. */
  recognise(request: IncomingMessage, account: DeviceAccount | null): string | null {
    if (!account) return null;
    for (const token of this.tokens(request)) {
      const deviceId = this.matches(token, account);
      if (deviceId) return deviceId;
    }
    return null;
  }

  /**
   * After a successful sign-in: (re)issues this browser's token for the account, under the
   * same device id when it had one, first in the cookie before the tokens of other logins.
   */
  remember(
    request: IncomingMessage,
    response: Response,
    account: DeviceAccount,
    deviceId: string | null,
  ): void {
    const id = deviceId ?? randomBytes(12).toString('base64url');
    const issued = Math.floor(this.now() / 1000).toString(36);
    const token = `${issued}.${id}.${this.mac(account, issued, id).toString('base64url')}`;
    const others = this.tokens(request).filter((other) => this.matches(other, account) === null);
    response.cookie(DEVICE_COOKIE, [token, ...others].slice(0, MAX_TOKENS).join('~'), {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure,
      path: LOGIN_PATH,
      maxAge: LIFETIME_MS,
    });
  }
}
