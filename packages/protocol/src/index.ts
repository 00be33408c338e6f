export * from './close-codes.js';
export * from './error-codes.js';
export * from './roles.js';
export * from './document-names.js';
export * from './commission-document.js';
export * from './jury-document.js';
export type * from './socket-events.js';
export type * from './api-types.js';
export * from './candidate-input.js';
