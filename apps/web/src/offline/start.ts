import type { Me } from '../session/session.types';
import { fieldDb } from './db';
import { startAutoSync, stopAutoSync } from './scheduler';
import { onFreshMe } from './sync';

export function start(userId: string, update: (me: Me) => void): void {
  onFreshMe(update);
  startAutoSync(fieldDb(userId));
}

export function stop(): void {
  onFreshMe(null);
  stopAutoSync();
}
