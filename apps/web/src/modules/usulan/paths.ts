/** Staff paths of the usulan screens (ids only in URLs). */
export const usulanListPath = '/usulan';
export const usulanPath = (id: string) => `/usulan/${id}`;
export const musdesNewPath = '/usulan/musdes';
export const bnbaPath = '/usulan/bnba';
