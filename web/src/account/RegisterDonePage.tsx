export function RegisterDonePage() { return <div>TODO</div>; }
