# One UDP datagram to ourselves through sendto/recvfrom. Usage: udp_echo.py HEXPAYLOAD; prints the bytes received.
import socket, sys

payload = bytes.fromhex(sys.argv[1])
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.bind(("127.0.0.1", 0))
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
tx.sendto(payload, rx.getsockname())
data, _ = rx.recvfrom(4096)
print(len(data))
