/** Staff paths of the distribution screens (ids only in URLs). */
export const distributionsPath = '/penyaluran';
export const distributionPath = (id: string) => `/penyaluran/${id}`;
