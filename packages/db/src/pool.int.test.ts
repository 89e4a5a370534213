import { describe, expect, it } from 'vitest';
import { serverUrl } from '@adt/testing';
import { createPool } from './pool.js';

describe('createPool', () => {
  it('turns JIT compilation off on its connections, whatever the server default', async () => {
    // Postgres enables JIT by default; a growing table once pushed a short lookup over its cost
    // threshold and every call then compiled for ~80 ms.
    const pool = createPool({ connectionString: serverUrl(), max: 1 });
    try {
      const jit = await pool.query<{ jit: string }>('SHOW jit');
      expect(jit.rows[0]?.jit).toBe('off');
    } finally {
      await pool.end();
    }
  });
});
