// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** Error code of the API (`ApiError`), when the failure came from it. */
      code?: string;
    }
    // interface Locals {}
    interface PageData {
      /**
       * A page's first Tab stop, before the header: a link to the part a keyboard user came
       * for (the jury board's table). Pages without one have none.
       */
      skipLink?: { label: string; target: string };
    }
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
