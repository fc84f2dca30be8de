import { defineProduct, defineProductBlock, list } from '@orchestrator/engine';

const port = defineProductBlock({ name: 'fixture_port', description: 'p', tag: 'P' });
// A list that must hold at least four and at most two ports.
const card = defineProductBlock({
  name: 'fixture_card',
  description: 'c',
  tag: 'C',
  blocks: { ports: list(port, { min: 4, max: 2 }) },
});

export const products = [
  defineProduct({ name: 'card', productType: 'C', tag: 'C', description: 'c', block: card, workflows: [] }),
];
