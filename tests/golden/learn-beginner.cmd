learn --background none --goal jobs
