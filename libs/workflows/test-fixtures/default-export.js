const { defineWorkflow, step } = require('@orchestrator/engine');

module.exports = {
  default: [
    defineWorkflow({
      name: 'from_default_export',
      target: 'SYSTEM',
      description: 'default',
      steps: [step('A', () => ({}))],
    }),
  ],
};
