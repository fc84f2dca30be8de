import { z } from 'zod';
import { defineProduct } from '@orchestrator/engine';

export const products = [
  defineProduct({
    name: 'gadget',
    productType: 'Gadget',
    tag: 'GADGET',
    description: 'a gadget',
    data: z.object({}),
    workflows: [],
  }),
];
