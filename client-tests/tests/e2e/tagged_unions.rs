//! A discriminated union end to end: a Losant dashboard (`dashboard.get`) whose blocks of several
//! types decode into their own variants by `blockType` (and aggregations by `type`), a block
//! type the client does not know kept whole, and the whole dashboard re-encoded unchanged.

use generated_client::losant::models::{
    self, Aggregation, AggregationVariant1 as AggregationName,
    AggregationVariant2 as TypedAggregation, BlocksItem as Block, Configuration, Duration,
};
use serde_json::{Value, json};

use crate::support::{APP_ID, DASHBOARD_ID, ORG_ID, Server, assert_round_trip, losant};

fn future_block() -> Value {
    json!({
        "id": "hologram-1",
        "blockType": "hologram",
        "startX": 6, "startY": 4, "width": 2, "height": 2,
        "config": { "projector": { "angle": 42.5, "layers": ["base", "overlay"] }, "spin": true }
    })
}

fn dashboard() -> Value {
    json!({
        "id": DASHBOARD_ID,
        "dashboardId": DASHBOARD_ID,
        "ownerId": ORG_ID,
        "ownerType": "organization",
        "applicationId": APP_ID,
        "name": "Dayton plant",
        "refreshRate": 60,
        "blocks": [
            {
                "id": "graph-1",
                "title": "Humidity",
                "blockType": "graph",
                "applicationId": APP_ID,
                "startX": 0, "startY": 0, "width": 6, "height": 4,
                "config": {
                    "realTime": true,
                    "displayType": "line",
                    "duration": "{{dashboard.duration}}",
                    "segments": [{ "attribute": "humidity", "aggregation": "MAX" }]
                }
            },
            {
                "id": "gauge-1",
                "title": "Temperature",
                "blockType": "gauge",
                "startX": 6, "startY": 0, "width": 2, "height": 4,
                "config": {
                    "gaugeType": "dial",
                    "displayAsPercentage": false,
                    "duration": 3600000,
                    "segment": { "attribute": "temperature", "aggregation": { "type": "MEAN" } }
                }
            },
            {
                "id": "html-1",
                "blockType": "custom-html",
                "startX": 8, "startY": 0, "width": 4, "height": 4,
                "config": {
                    "configuration": { "headContent": "<style></style>", "bodyContent": "<p>hi</p>" }
                }
            },
            future_block()
        ]
    })
}

#[tokio::test]
async fn dashboard_blocks_decode_into_their_own_variants_and_an_unknown_one_is_kept_whole() {
    let body = dashboard();
    let server = Server::replying(200, body.clone()).await;
    let dashboard = losant(&server)
        .dashboard()
        .get(DASHBOARD_ID)
        .await
        .expect("dashboard.get succeeds");
    assert_eq!(dashboard.name.as_deref(), Some("Dayton plant"));
    assert_eq!(dashboard.refresh_rate, Some(60.0));
    let blocks = dashboard.blocks.as_deref().expect("blocks");
    let [graph, gauge, html, future] = blocks else {
        panic!("four blocks: {blocks:?}");
    };

    let Block::Graph(graph) = graph else {
        panic!("a graph block: {graph:?}");
    };
    assert_eq!(graph.id.as_deref(), Some("graph-1"));
    assert_eq!(graph.application_id.as_deref(), Some(APP_ID));
    assert_eq!(
        (graph.start_x, graph.start_y, graph.width, graph.height),
        (0.0, 0.0, 6.0, 4.0)
    );
    let config = graph.config.as_ref().expect("graph config");
    assert_eq!(config.real_time, Some(true));
    assert_eq!(config.display_type, Some(models::DisplayType::Line));
    assert!(
        matches!(config.duration, Some(Duration::Variant1(_))),
        "the dashboard-duration placeholder: {:?}",
        config.duration
    );
    let [segment] = config.segments.as_deref().expect("segments") else {
        panic!("one segment");
    };
    assert_eq!(segment.attribute.as_deref(), Some("humidity"));
    assert_eq!(
        segment.aggregation,
        Some(Aggregation::Variant1(AggregationName::Max))
    );

    let Block::Gauge(gauge) = gauge else {
        panic!("a gauge block: {gauge:?}");
    };
    assert_eq!(gauge.title.as_deref(), Some("Temperature"));
    let config = gauge.config.as_ref().expect("gauge config");
    assert_eq!(config.gauge_type, Some(models::GaugeType::Dial));
    assert_eq!(config.display_as_percentage, Some(false));
    assert_eq!(config.duration, Some(Duration::Integer(3_600_000)));
    let segment = config.segment.as_ref().expect("segment");
    assert_eq!(segment.attribute.as_deref(), Some("temperature"));
    // A tag that shares its variant's shape with others still gets its own variant: MEAN is
    // not read (and later written) as the first value of the list, FIRST.
    assert!(
        matches!(
            &segment.aggregation,
            Some(Aggregation::Variant2(TypedAggregation::Mean(_)))
        ),
        "{:?}",
        segment.aggregation
    );

    // `custom-chart` and `custom-html` blocks have the same shape; each keeps its own tag.
    let Block::CustomHtml(html) = html else {
        panic!("a custom-html block: {html:?}");
    };
    let config = html.config.as_ref().expect("html config");
    let Some(Configuration::Variant2(configuration)) = &config.configuration else {
        panic!("head and body: {:?}", config.configuration);
    };
    assert_eq!(
        configuration.head_content.as_deref(),
        Some("<style></style>")
    );
    assert_eq!(configuration.body_content.as_deref(), Some("<p>hi</p>"));

    let Block::Unknown(object) = future else {
        panic!("a block type the docs do not list is kept: {future:?}");
    };
    assert_eq!(Value::Object(object.clone()), future_block());

    assert_round_trip(&dashboard, &body);
}
