"""Integration tests: boardlog against its real storage backends."""
