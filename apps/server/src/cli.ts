#!/usr/bin/env node
import { verifyAuditChain } from './audit/audit-trail.js';
import { loadConfig } from './config.js';
import { openConfiguredDatabase } from './db/open-database.js';
import { runVerifyCommand } from './minute/verify-command.js';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from './demo/seed-demo.js';

const USAGE = `Usage : delib <commande>
  seed           crée la session de démonstration dans une base vide
  audit:verify   vérifie la chaîne de hachage du journal d’audit et sa longueur
                 au regard des procès-verbaux verrouillés, qui en gardent la tête
  verify <fichier.pdf> [--keys <cles.json>] [--base <adresse|delib.sqlite>] [--json]
                 vérifie un procès-verbal ou des relevés signés à partir du seul fichier,
                 avec les clés publiées par le centre (delib verify --help)
La base est PostgreSQL à DELIB_DATABASE_URL si elle est donnée, sinon le fichier SQLite
DELIB_DB (par défaut ./data/delib.sqlite).`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  const config = loadConfig();
  switch (command) {
    case 'seed': {
      const db = await openConfiguredDatabase(config);
      if (!isDatabaseEmpty(db)) {
        console.error(`La base ${db.name} n’est pas vide : rien n’a été créé.`);
        return 1;
      }
      const accounts = await seedDemo(db);
      db.close();
      console.log(`Session de démonstration créée. Mot de passe commun : ${DEMO_PASSWORD}`);
      for (const account of accounts)
        console.log(`  ${account.login.padEnd(18)} ${account.name} – ${account.what}`);
      return 0;
    }
    case 'audit:verify': {
      const db = await openConfiguredDatabase(config);
      const verdict = verifyAuditChain(db);
      db.close();
      if (verdict.ok) {
        console.log(`Journal d’audit intact : ${verdict.rows} ligne(s) vérifiée(s).`);
        return 0;
      }
      console.error(
        `Journal d’audit ALTÉRÉ : ${verdict.problem} (première ligne en cause : ${verdict.firstBadRowId}).`,
      );
      return 2;
    }
    case 'verify':
      return runVerifyCommand(argv.slice(1));
    default:
      console.error(USAGE);
      return command === undefined || command === '--help' ? 0 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
