/** @pilar/domain: pure domain rules shared by server and web. No I/O. */
export * from './messages';
export * from './areas';
export * from './nik';
export * from './kk';
export * from './civil-date';
export * from './catalogues/normalize';
export * from './catalogues/ppks';
export * from './catalogues/psks';
export * from './catalogues/programmes';
export * from './access';
export * from './cases';
export * from './forms';
export * from './disasters';
export * from './reports';
