import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

describe('Dockerfile', () => {
  it('copies the package.json of every workspace before npm ci, so that each one is installed and linked', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const workspaces = ['apps', 'libs'].flatMap((dir) =>
      readdirSync(path.join(root, dir))
        .filter((name) => existsSync(path.join(root, dir, name, 'package.json')))
        .map((name) => `${dir}/${name}`),
    );
    expect(workspaces).toContain('libs/domain');
    const copied = [...dockerfile.matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map((match) => match[1]);
    expect(copied.sort()).toEqual(workspaces.sort());
    expect(dockerfile.indexOf('RUN npm ci')).toBeGreaterThan(dockerfile.lastIndexOf('/package.json'));
  });
});
