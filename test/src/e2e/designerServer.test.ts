import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@opscycle/services';
import { startDesigner, type DesignerServer } from './designerServer';

/** The designer's dev server (what `npm start` runs) serves the designer and nothing else of the workspace. */
describe('the designer dev server', () => {
  let designer: DesignerServer;
  const secret = join(REPO_ROOT, '.data', 'designer-server-test', 'jwt-secret');

  beforeAll(async () => {
    mkdirSync(join(secret, '..'), { recursive: true });
    writeFileSync(secret, 'not for the browser');
    designer = await startDesigner('http://127.0.0.1:9', 'silent');
  });
  afterAll(async () => designer?.close());

  it('refuses files outside the designer, the domain and node_modules (the data folder, the repo root)', async () => {
    for (const path of [
      secret,
      join(REPO_ROOT, 'package.json'),
      join(REPO_ROOT, 'api', 'src', 'config.ts'),
    ]) {
      const response = await fetch(`${designer.url}/@fs${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(await response.text()).not.toContain('not for the browser');
    }
  });

  it('serves the designer and the domain source it imports', async () => {
    expect((await fetch(`${designer.url}/`)).status).toBe(200);
    expect((await fetch(`${designer.url}/@fs${join(REPO_ROOT, 'domain', 'src', 'money.ts')}`)).status).toBe(
      200,
    );
  });

  it('answers no other origin (no CORS headers)', async () => {
    const response = await fetch(`${designer.url}/`, { headers: { Origin: 'http://localhost:4444' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
