import { ResourceNotFoundException } from '../../../../../local/data-api/api/errors';
import { epochSeconds, StatementStore } from '../../../../../local/data-api/api/statement-store';

const connection = { WorkgroupName: 'local', Database: 'dev' };
const owner = { arn: 'arn:aws:iam::123456789012:role/test', accessKeyId: 'AKIDTEST' };

describe('statement retention', () => {
  it('forgets finished statements after 24 hours, with their sub-statements, and keeps running ones', () => {
    const store = new StatementStore();
    const old = store.create({ sqls: ['SELECT 1', 'SELECT 2'], batch: true, connection, owner });
    store.setStatus(old, 'FINISHED');
    const running = store.create({ sqls: ['SELECT 3'], batch: false, connection, owner });
    store.setStatus(running, 'STARTED');
    const recent = store.create({ sqls: ['SELECT 4'], batch: false, connection, owner });
    store.setStatus(recent, 'FINISHED');

    old.updatedAt = epochSeconds() - 24 * 3600 - 1; // finished a day and a second ago
    expect(store.prune(epochSeconds())).toBe(1);

    expect(() => store.get(old.id)).toThrow(ResourceNotFoundException);
    expect(() => store.get(`${old.id}:1`)).toThrow(ResourceNotFoundException);
    expect(store.get(running.id).status).toBe('STARTED');
    expect(store.get(recent.id).status).toBe('FINISHED');
  });
});
