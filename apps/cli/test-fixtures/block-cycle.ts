import { defineProduct, defineProductBlock } from '@orchestrator/engine';

// Blocks that contain each other (by name): the product model cannot work, start-up must stop.
const chassis = defineProductBlock({ name: 'chassis', description: 'c', tag: 'C', blocks: { card: 'card' } });
const card = defineProductBlock({ name: 'card', description: 'c', tag: 'C', blocks: { chassis } });

export const products = [
  defineProduct({ name: 'router', productType: 'R', tag: 'R', description: 'r', block: chassis, workflows: [] }),
  defineProduct({ name: 'linecard', productType: 'L', tag: 'L', description: 'l', block: card, workflows: [] }),
];
