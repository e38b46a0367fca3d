//! The retry budget: a token bucket shared by every clone of a client, so that retries stop when
//! most attempts fail (an outage) instead of multiplying the load on a struggling server.

use std::sync::atomic::{AtomicU32, Ordering};

/// What a retry costs, and what a success gives back; the AWS SDKs' standard retry quota uses
/// the same numbers.
const RETRY_COST: u32 = 5;
const TIMEOUT_RETRY_COST: u32 = 10;
const SUCCESS_REFUND: u32 = 1;

/// A token bucket: a retry takes [`RETRY_COST`] tokens ([`TIMEOUT_RETRY_COST`] after a
/// timeout), a success puts back [`SUCCESS_REFUND`] (or the cost of the retry that succeeded),
/// never above the capacity. With an empty bucket a failure is returned without retrying.
#[derive(Debug)]
pub(crate) struct RetryBudget {
    capacity: u32,
    tokens: AtomicU32,
}

impl RetryBudget {
    pub(crate) fn new(capacity: u32) -> Self {
        Self {
            capacity,
            tokens: AtomicU32::new(capacity),
        }
    }

    /// Takes the cost of a retry; `None` when the bucket holds too few tokens. The returned
    /// cost is what a success of that retry refunds.
    pub(crate) fn withdraw(&self, after_timeout: bool) -> Option<u32> {
        let cost = if after_timeout {
            TIMEOUT_RETRY_COST
        } else {
            RETRY_COST
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .ok()
            .map(|_| cost)
    }

    /// Records a success: `retry_cost` is what the last retry of the call cost, `None` when
    /// the first attempt succeeded.
    pub(crate) fn deposit(&self, retry_cost: Option<u32>) {
        let refund = retry_cost.unwrap_or(SUCCESS_REFUND);
        // Never fails: the closure always returns `Some`.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(refund).min(self.capacity))
            });
    }

    /// The tokens left.
    #[cfg(test)]
    pub(crate) fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::RetryBudget;

    #[test]
    fn retries_stop_when_the_bucket_is_empty_and_successes_refill_it() {
        let budget = RetryBudget::new(12);
        assert_eq!(budget.withdraw(false), Some(5));
        assert_eq!(budget.withdraw(false), Some(5));
        assert_eq!(
            budget.withdraw(false),
            None,
            "2 tokens left, a retry costs 5"
        );
        assert_eq!(budget.withdraw(true), None);
        budget.deposit(Some(5));
        assert_eq!(budget.available(), 7);
        budget.deposit(None);
        assert_eq!(budget.available(), 8);
        budget.deposit(Some(10));
        assert_eq!(budget.available(), 12, "never above the capacity");
        assert_eq!(budget.withdraw(true), Some(10));
    }
}
