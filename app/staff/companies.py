"""Staff work on companies and needs: verification and review queues."""
