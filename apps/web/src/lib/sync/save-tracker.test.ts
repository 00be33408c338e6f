import { describe, expect, it } from 'vitest';
import { SaveTracker, saveStatusLabel } from './save-tracker';

function label(tracker: SaveTracker): string {
  return saveStatusLabel(tracker.status());
}

describe('SaveTracker', () => {
  it('says it is connecting until the first exchange, then saved', () => {
    const tracker = new SaveTracker();
    expect(label(tracker)).toBe('Connexion au serveur…');
    tracker.connected();
    expect(label(tracker)).toBe('Connexion au serveur…');
    tracker.synchronised();
    expect(label(tracker)).toBe('Enregistré');
  });

  it('is saving after a write until the server acknowledges a request sent after it', () => {
    const tracker = new SaveTracker();
    tracker.connected();
    tracker.synchronised();
    tracker.write('12:U41');
    expect(label(tracker)).toBe('Enregistrement…');
    expect(tracker.needsAcknowledgement()).toBe(true);
    const covered = tracker.acknowledgementRequested();
    expect(tracker.needsAcknowledgement()).toBe(false);
    tracker.write('13:U41');
    tracker.acknowledged(covered);
    expect(tracker.status()).toEqual({ kind: 'saving', pending: 1 });
    expect(tracker.needsAcknowledgement()).toBe(true);
    tracker.acknowledged(tracker.acknowledgementRequested());
    expect(label(tracker)).toBe('Enregistré');
  });

  it('keeps a rewritten cell pending when only its first write was acknowledged', () => {
    const tracker = new SaveTracker();
    tracker.synchronised();
    tracker.write('12:U41');
    const first = tracker.acknowledgementRequested();
    tracker.write('12:U41');
    tracker.acknowledged(first);
    expect(tracker.pendingCells()).toEqual(['12:U41']);
  });

  it('counts the cells written while offline, never claims they are saved', () => {
    const tracker = new SaveTracker();
    tracker.synchronised();
    tracker.disconnected();
    tracker.write('12:U41');
    tracker.write('12:U42');
    tracker.write('12:U41');
    expect(label(tracker)).toBe('Hors ligne – 2 saisies en attente');
    tracker.connecting();
    expect(label(tracker)).toBe('Hors ligne – 2 saisies en attente');
    tracker.connected();
    expect(label(tracker)).toBe('Enregistrement…');
    expect(tracker.needsAcknowledgement()).toBe(false);
    tracker.synchronised();
    tracker.acknowledged(tracker.acknowledgementRequested());
    expect(label(tracker)).toBe('Enregistré');
  });

  it('forgets an acknowledgement request when the connection drops before the answer', () => {
    const tracker = new SaveTracker();
    tracker.synchronised();
    tracker.write('12:U41');
    tracker.acknowledgementRequested();
    tracker.disconnected();
    expect(label(tracker)).toBe('Hors ligne – 1 saisie en attente');
    tracker.connected();
    tracker.synchronised();
    expect(tracker.needsAcknowledgement()).toBe(true);
  });

  it('restores the cells left pending by an earlier visit', () => {
    const tracker = new SaveTracker(['12:U41']);
    tracker.disconnected();
    expect(label(tracker)).toBe('Hors ligne – 1 saisie en attente');
    tracker.synchronised();
    tracker.acknowledged(tracker.acknowledgementRequested());
    expect(tracker.pendingCells()).toEqual([]);
  });

  it('shows a refusal until the next write', () => {
    const tracker = new SaveTracker();
    tracker.synchronised();
    tracker.write('12:U41');
    tracker.refused('note hors barème');
    expect(label(tracker)).toBe('Refusé : note hors barème');
    expect(tracker.pendingCells()).toEqual([]);
    tracker.synchronised();
    tracker.write('12:U41');
    expect(label(tracker)).toBe('Enregistrement…');
  });

  it('says locked, whatever the connection does', () => {
    const tracker = new SaveTracker();
    tracker.disconnected();
    tracker.write('12:U41');
    tracker.locked();
    expect(label(tracker)).toBe('Verrouillé – lecture seule');
    tracker.synchronised();
    expect(label(tracker)).toBe('Verrouillé – lecture seule');
  });

  it('says read-only to someone who may only consult the room', () => {
    const tracker = new SaveTracker();
    tracker.readOnly();
    tracker.synchronised();
    expect(label(tracker)).toBe('Consultation – lecture seule');
  });

  it('gives the reason when the connection cannot go on', () => {
    const tracker = new SaveTracker();
    tracker.stopped('Accès refusé à cette salle.');
    expect(label(tracker)).toBe('Accès refusé à cette salle.');
  });

  it('says there is nothing waiting when offline without writes', () => {
    const tracker = new SaveTracker();
    tracker.disconnected();
    expect(label(tracker)).toBe('Hors ligne – aucune saisie en attente');
  });
});
