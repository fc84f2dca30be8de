import { resolvePath } from './http-latency';

describe('resolvePath', () => {
  it('fills placeholders and encodes the query string values', () => {
    expect(
      resolvePath('/api/processes?q=workflowName:{workflowName} status:failed&limit=5', {
        workflowName: 'modify_node',
      }),
    ).toBe('/api/processes?q=workflowName%3Amodify_node+status%3Afailed&limit=5');
  });

  it('leaves a path without a query string and unknown placeholders as they are', () => {
    expect(resolvePath('/api/processes/{detailId}', {})).toBe('/api/processes/{detailId}');
  });
});
