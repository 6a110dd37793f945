export function PasswordExpiredPage() { return <div>TODO</div>; }
