/** The back office at /admin (to be built). */
export function AdminApp() {
  return null;
}
