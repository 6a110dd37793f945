export function LoginPage() { return <div>TODO</div>; }
