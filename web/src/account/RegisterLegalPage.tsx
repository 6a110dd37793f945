export function RegisterLegalPage() { return <div>TODO</div>; }
