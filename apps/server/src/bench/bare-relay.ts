/**
 * The bare relay of `pnpm bench:sync --baseline`: the y-websocket protocol on `ws`, one
 * in-memory Y.Doc per document name, sync with y-protocols and broadcast of every update
 * to every connection of the document. No authentication, no storage, no validation, no
 * rate limit, no awareness: the floor against which Délib's sync path is measured.
 * Run as its own process, like Délib's server: PORT (0 picks one) and HOST from the
 * environment; it prints the same `écoute sur http://…` line.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SYNC_PATH } from '@delib/protocol';

const MESSAGE_SYNC = 0;

interface Room {
  doc: Y.Doc;
  connections: Set<WebSocket>;
}

const rooms = new Map<string, Room>();

function send(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(message, { binary: true });
}

function room(name: string): Room {
  let found = rooms.get(name);
  if (!found) {
    const doc = new Y.Doc({ gc: true });
    const connections = new Set<WebSocket>();
    doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const ws of connections) send(ws, message);
    });
    found = { doc, connections };
    rooms.set(name, found);
  }
  return found;
}

const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

wss.on('connection', (ws: WebSocket, request: http.IncomingMessage) => {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  const { doc, connections } = room(decodeURIComponent(pathname.slice(SYNC_PATH.length + 1)));
  connections.add(ws);
  ws.on('error', () => ws.terminate());
  ws.on('close', () => connections.delete(ws));
  ws.on('message', (data: Buffer) => {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, doc, ws);
      // Only a step 1 calls for an answer (the step 2).
      if (encoding.length(encoder) > 1) send(ws, encoding.toUint8Array(encoder));
    } catch {
      ws.close(1003, 'Message illisible');
    }
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  send(ws, encoding.toUint8Array(encoder));
});

const server = http.createServer((_request, response) => {
  response.writeHead(404).end();
});
server.on('upgrade', (request: http.IncomingMessage, socket, head: Buffer) => {
  if (!(request.url ?? '').startsWith(`${SYNC_PATH}/`)) {
    socket.destroy();
    return;
  }
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 0), host, () => {
  const { port } = server.address() as AddressInfo;
  console.log(`Relais nu écoute sur http://${host}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const ws of wss.clients) ws.terminate();
    server.close(() => process.exit(0));
  });
}
