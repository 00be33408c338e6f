// `pnpm check:cycles` (part of `pnpm lint` and `pnpm check`): no module may import itself
// back through others, type-only imports included. Covers the server, the web app (.ts and
// .svelte), the packages and the browser journeys.
import path from 'node:path';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle (a → b → a, `import type` included) ties modules that cannot be ' +
        'understood or tested apart: move what both need into a module that both import.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|build|[.]svelte-kit)/' },
    // Type-only imports are dependencies too (the compiler erases them; a reader does not).
    tsPreCompilationDeps: true,
    // SvelteKit's `$lib` alias (the other packages import relatively).
    tsConfig: { fileName: path.join(import.meta.dirname, 'tsconfig.cycles.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
