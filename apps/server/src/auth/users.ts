import { randomUUID } from 'node:crypto';
import type { Role } from '@delib/protocol';
import type { Db } from '../db/open-database.js';
import { hashPassword } from './passwords.js';

export interface NewUser {
  login: string;
  name: string;
  role: Role;
  password: string | null;
}

export async function createUser(db: Db, user: NewUser): Promise<string> {
  const id = randomUUID();
  const passwordHash = user.password === null ? null : await hashPassword(user.password);
  db.prepare(
    'INSERT INTO users (id, login, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(id, user.login.toLowerCase(), user.name, passwordHash, user.role, Date.now());
  return id;
}
