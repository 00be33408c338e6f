import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { openConfiguredDatabase } from './db/open-database.js';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './demo/seed-demo.js';

const config = loadConfig();

if (process.argv.includes('--seed-if-empty')) {
  const db = await openConfiguredDatabase(config);
  if (isDatabaseEmpty(db)) {
    const accounts = await seedDemo(db);
    console.log('Base vide : session de démonstration BTS MCO 2027 créée.');
    console.log(`Comptes de démonstration (mot de passe commun : ${DEMO_PASSWORD}) :`);
    for (const account of accounts)
      console.log(`  ${account.login.padEnd(18)} ${account.name} – ${account.what}`);
  }
  db.close();
}

const app = await startApp(config);
const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
console.log(`Délib écoute sur http://${shownHost}:${app.port}  (base : ${app.db.name})`);

/**
 * The policy for an exception nothing caught. Every input from the network is handled where
 * it enters (each HTTP route, upgrade, socket and websocket message answers and logs), so
 * reaching here means a bug, and this process's memory can no longer be trusted. What was
 * acknowledged is already in SQLite: the process logs, closes its sockets (clients reconnect
 * and send again what was not acknowledged) and exits with code 70; `npm start` restarts
 * it (scripts/start.mjs), as would systemd or any supervisor in production.
 */
let failing = false;
function failHard(kind: string, error: unknown): void {
  if (failing) return;
  failing = true;
  console.error(
    `[délib] ${kind} : arrêt du processus.`,
    error instanceof Error ? error.stack : error,
  );
  setTimeout(() => process.exit(70), 3_000).unref();
  void app.close().finally(() => process.exit(70));
}
process.on('uncaughtException', (error) => failHard('exception non rattrapée', error));
process.on('unhandledRejection', (error) => failHard('promesse rejetée sans traitement', error));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
