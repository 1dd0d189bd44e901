import { redirect } from 'next/navigation';

// The product lives in the dashboard; signed-out visitors are sent to /login by proxy.ts.
export default function Home() {
  redirect('/dashboard');
}
