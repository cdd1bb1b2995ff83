/** Staff paths of the complaint desk (ids only in URLs). */
export const complaintInboxPath = '/pengaduan/masuk';
export const complaintPath = (id: string) => `/pengaduan/masuk/${id}`;
