import type { DeadLetter, DeadLetterDesk } from '@portico/kafka';

export const DEAD_LETTER_USAGE = `usage:
  pnpm portico dlq list                     every dead-letter topic and how many letters it holds
  pnpm portico dlq list <topic>             the letters of one topic: offset, when, group, event, error
  pnpm portico dlq show <topic> <offset>    one letter with its headers and event
  pnpm portico dlq replay <topic> <offset>  sends it again to the group that gave up (once)
  pnpm portico dlq replay <topic> --all     the same for every letter not yet replayed`;

/** Thrown for arguments the command cannot take; the CLI prints it with the usage. */
export class UsageError extends Error {}

/** Runs `pnpm portico dlq ...` against `desk`, writing what it finds to `write`. */
export async function runDeadLetterCommand(
  args: string[],
  desk: DeadLetterDesk,
  write: (line: string) => void,
): Promise<void> {
  const [command, topic, offset] = args;
  switch (command) {
    case 'list': {
      if (!topic) {
        for (const { topic: name, letters } of await desk.topics())
          write(`${name.padEnd(32)} ${letters}`);
        return;
      }
      const letters = await desk.list(topic);
      if (letters.length === 0) write(`${topic} holds no letters`);
      for (const letter of letters) write(summaryOf(letter));
      return;
    }
    case 'show': {
      if (!topic || !offset) throw new UsageError('show needs a topic and an offset');
      write(JSON.stringify(detailsOf(await desk.show(topic, offset)), null, 2));
      return;
    }
    case 'replay': {
      if (!topic || !offset) throw new UsageError('replay needs a topic and an offset (or --all)');
      const replays =
        offset === '--all' ? await desk.replayWaiting(topic) : [await desk.replay(topic, offset)];
      if (replays.length === 0) write(`${topic}: nothing waits to be replayed`);
      for (const { replayed, letter } of replays)
        write(
          replayed
            ? `replayed ${topic}:${letter.offset} to ${letter.originalTopic} for ${letter.group ?? 'every group'}`
            : `${topic}:${letter.offset} was replayed at ${letter.replayedAt}; not sent again`,
        );
      return;
    }
    default:
      throw new UsageError(command ? `unknown dlq command: ${command}` : 'dlq needs a command');
  }
}

/** One line per letter: offset, when it failed, whether it was replayed, who failed, on what, why. */
function summaryOf(letter: DeadLetter): string {
  const state = letter.replayedAt ? `replayed ${letter.replayedAt}` : 'waiting';
  return [
    letter.offset,
    letter.failedAt,
    state,
    letter.group ?? '(group unknown)',
    letter.eventType ?? '(not an event)',
    letter.key ?? '-',
    letter.error,
  ].join('  ');
}

function detailsOf(letter: DeadLetter): Record<string, unknown> {
  const { value, ...rest } = letter;
  let event: unknown = value;
  try {
    event = JSON.parse(value);
  } catch {
    // Shown as the raw text it is.
  }
  return { ...rest, event };
}
