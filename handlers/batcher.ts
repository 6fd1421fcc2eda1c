// Placeholder while the pipeline lands (replaced by the real handler in the pipeline change).
export const handler = async (): Promise<never> => {
  throw new Error('batcher: not implemented yet');
};
