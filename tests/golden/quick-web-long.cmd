quick --building web-service --team neither --constraint ship-fast --long
