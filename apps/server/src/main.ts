import { startApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open-database.js';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './setup/seed-demo.js';

const config = loadConfig();

if (process.argv.includes('--seed-if-empty')) {
  const db = openDatabase(config.databasePath);
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
console.log(`Délib écoute sur http://${shownHost}:${app.port}  (base : ${config.databasePath})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
