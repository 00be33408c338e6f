import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode } from '@delib/protocol';
import type { PersonInput as PersonInputBody, Role } from '@delib/protocol';
import { hashPassword } from '../auth/passwords.js';
import { isUniqueViolation } from '../db/db-handle.js';
import type { Db } from '../db/open-database.js';
import { HttpError } from '../http/http-error.js';
import { printableText } from '../http/route-input.js';

/**
 * People named by the admin when composing juries and commissions: an existing user
 * (`{ userId }`) or a new account with a password the admin sets
 * (`{ login, name, password }`). Passwords are hashed (argon2id, slow) before the
 * transaction that inserts the accounts, since a transaction cannot wait.
 */

export const PersonInput = z.union([
  z.strictObject({ userId: z.string().min(1).max(100) }),
  z.strictObject({
    login: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,49}$/),
    name: printableText(2, 100),
    password: z.string().min(8).max(200),
  }),
]) satisfies z.ZodType<PersonInputBody>;
export type PersonInput = PersonInputBody;

export interface NewAccount {
  id: string;
  login: string;
  name: string;
  role: Role;
  passwordHash: string | null;
}

/** A person resolved to a user id, with the account to create when it is a new one. */
export interface PreparedPerson {
  userId: string;
  name: string;
  account: NewAccount | null;
}

function loginTaken(login: string): HttpError {
  return new HttpError(
    409,
    'LOGIN_TAKEN',
    `L’identifiant « ${login} » est déjà utilisé : en choisir un autre, ou choisir le compte existant.`,
    { login },
  );
}

export async function preparePeople(
  db: Db,
  people: { person: PersonInput; role: Role }[],
): Promise<PreparedPerson[]> {
  const userExists = db.prepare('SELECT display_name AS name FROM users WHERE id = ?');
  const loginExists = db.prepare('SELECT 1 FROM users WHERE login = ?');
  const logins = new Set<string>();
  const prepared: PreparedPerson[] = [];
  for (const { person, role } of people) {
    if ('userId' in person) {
      const user = userExists.get(person.userId) as { name: string } | undefined;
      if (!user)
        throw new HttpError(404, ErrorCode.NOT_FOUND, 'Utilisateur introuvable.', {
          userId: person.userId,
        });
      prepared.push({ userId: person.userId, name: user.name, account: null });
      continue;
    }
    if (logins.has(person.login) || loginExists.get(person.login)) throw loginTaken(person.login);
    logins.add(person.login);
    const id = randomUUID();
    prepared.push({
      userId: id,
      name: person.name,
      account: {
        id,
        login: person.login,
        name: person.name,
        role,
        passwordHash: await hashPassword(person.password),
      },
    });
  }
  return prepared;
}

/** Inserts a prepared account; call inside the transaction that uses it. */
export function insertAccount(db: Db, account: NewAccount): void {
  try {
    db.prepare(
      'INSERT INTO users (id, login, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(account.id, account.login, account.name, account.passwordHash, account.role, Date.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw loginTaken(account.login);
    throw error;
  }
}

export function insertPreparedAccounts(db: Db, people: PreparedPerson[]): void {
  for (const person of people) if (person.account) insertAccount(db, person.account);
}
