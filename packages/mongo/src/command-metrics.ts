import { Counter } from 'prom-client';
import type { Connection } from 'mongoose';

const commands = new Counter({
  name: 'mongo_commands_total',
  help: 'Database commands sent, by command and collection (per-customer collections as one)',
  labelNames: ['command', 'collection'],
});

// Collections named after an id (a customer's shelf) count as one: labels must stay few.
const ID_IN_NAME = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Counts every command the connection sends (the driver's command monitoring):
 * what a request or an event costs the database shows on /metrics, and
 * benchmarks divide it by their work.
 */
export function countCommands(connection: Connection): void {
  connection.getClient().on('commandStarted', ({ commandName, command }) => {
    const target: unknown = commandName === 'getMore' ? command.collection : command[commandName];
    const collection = typeof target === 'string' ? target.replace(ID_IN_NAME, '*') : '';
    commands.inc({ command: commandName, collection });
  });
}
