import { lockDocument } from './document-lock';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

const model = { collection: { collectionName: 'things' } };

describe('lockDocument', () => {
  it('runs writes to one document one after another, in call order', async () => {
    const log: string[] = [];
    const write = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      lockDocument(model, 'd1', write('a')),
      lockDocument(model, 'd1', write('b')),
      lockDocument(model, 'd1', write('c')),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('lets writes to different documents overlap', async () => {
    const log: string[] = [];
    const write = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([
      lockDocument(model, 'd1', write('a')),
      lockDocument(model, 'd2', write('b')),
    ]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });

  it('passes a failure to its caller and still runs the next write', async () => {
    const failing = lockDocument(model, 'd3', async () => {
      throw new Error('write failed');
    });
    const next = lockDocument(model, 'd3', async () => 'ran');
    await expect(failing).rejects.toThrow('write failed');
    await expect(next).resolves.toBe('ran');
  });
});
